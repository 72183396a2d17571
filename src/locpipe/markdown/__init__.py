"""The Markdown of the articles: the one grammar, segments, splicing, front matter."""
