"""Question sets in, measured quality out: the same pipeline the bot and REPL use."""
