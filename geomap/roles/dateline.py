"""Dateline family: the place the story was filed from ("BEIRUT (AP) -")."""

from __future__ import annotations


def tag_dateline(article, clause, context) -> None:
    if article.dateline_span is None:
        return
    for hit in clause.hits:
        if article.dateline_span[0] <= hit.start < article.dateline_span[1]:
            context.give(hit.place, "dateline", clause, cue=article.dateline or "")
