"""Distribution: feeds, sitemaps, structured data and the read API carry stories out."""
