"""Deployment files (nginx) and the helper that starts them for tests and benchmarks."""
