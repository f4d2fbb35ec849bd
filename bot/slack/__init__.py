"""The Slack front end: a Bolt app on the answer pipeline (see README.md, "Slack")."""
