"""Serving a story's audio at /listen/<id>.<ext>, with byte ranges so players can seek.

Audio is served only for stories that are live and public, and only while the recording
matches the published text (status ready); everything else is 404, so unpublishing a
story takes its audio down at once. Files are small (a few hundred KB), so a range is
read straight from storage.
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from akhbar.listen.audio import FORMATS
from akhbar.listen.models import Recording
from akhbar.listen.ranges import Unsatisfiable, parse_range
from akhbar.newsroom.models import ArticlePage

CACHE_CONTROL = "public, max-age=300"


def live_recording(article_id: int) -> Recording | None:
    """The ready recording of a live, public story, or None."""
    article = ArticlePage.objects.live().public().filter(pk=article_id).first()
    if article is None:
        return None
    rec = Recording.objects.filter(article=article, status=Recording.Status.READY).first()
    return rec


@require_safe
def audio(request: HttpRequest, article_id: int, ext: str) -> HttpResponse:
    """One format of the story's audio: whole (200), one range (206) or 416 if unsatisfiable."""
    fmt = FORMATS.get(ext)
    rec = live_recording(article_id) if fmt else None
    field = rec.file_for(ext) if rec else None
    if field is None:
        raise Http404("no audio")
    try:
        size = field.size
    except OSError as exc:
        raise Http404("audio file missing") from exc
    etag = f'"{rec.content_hash[:32]}-{ext}"'
    headers = {"Accept-Ranges": "bytes", "ETag": etag, "Cache-Control": CACHE_CONTROL}
    if etag in request.headers.get("If-None-Match", ""):
        return HttpResponse(status=304, headers=headers)
    header = request.headers.get("Range")
    if_range = request.headers.get("If-Range")
    if if_range and if_range != etag:
        header = None  # the client holds another version: send it all
    try:
        span = parse_range(header, size)
    except Unsatisfiable:
        return HttpResponse(status=416, headers={**headers, "Content-Range": f"bytes */{size}"})
    if request.method == "HEAD":
        length = size if span is None else span[1] - span[0] + 1
        response = HttpResponse(status=200 if span is None else 206, headers=headers,
                                content_type=fmt.content_type)
        response["Content-Length"] = str(length)
        if span is not None:
            response["Content-Range"] = f"bytes {span[0]}-{span[1]}/{size}"
        return response
    if span is None:
        response = FileResponse(field.open("rb"), content_type=fmt.content_type)
        response["Content-Length"] = str(size)
        for key, value in headers.items():
            response[key] = value
        return response
    first, last = span
    with field.open("rb") as fh:
        fh.seek(first)
        body = fh.read(last - first + 1)
    response = HttpResponse(body, status=206, content_type=fmt.content_type, headers=headers)
    response["Content-Range"] = f"bytes {first}-{last}/{size}"
    response["Content-Length"] = str(len(body))
    return response
