from .cli import main

if __name__ == "__main__":  # not again in a process started to help this one (province/ahead.py)
    main()
