"""Widgets of the Review page: the artifact text with its findings, the image canvas, the
finding panel and the colour legend."""
