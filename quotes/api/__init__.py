"""The read API (/api/v1/, django-ninja): schemas, reads, token and rate-limit checks, views."""
