"""What the environment says: settings, paths, the holiday cache."""
