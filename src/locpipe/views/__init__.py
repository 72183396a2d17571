"""What a person reads about a project: its status and the HTML report."""
