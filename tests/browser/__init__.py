"""Real-browser tests of the built site (headless Chromium, axe-core)."""
