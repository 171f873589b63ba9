"""Writer tools over the built Story: linter, explorer, playtester, story map, stats, schema, test plans.

Every tool works on the immutable Story the engine builds and drives the real
StoryRunner where play matters, so a tool and the game can never disagree.
Nothing here imports pygame.
"""
