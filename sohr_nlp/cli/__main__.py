"""`python -m sohr_nlp.cli` runs the command line."""
from sohr_nlp.cli import main

main()
