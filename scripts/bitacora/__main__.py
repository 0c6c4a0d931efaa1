"""`python -m bitacora` runs the same CLI as the `bitacora` console script."""

from bitacora.cli import main

if __name__ == "__main__":
    main()
