#!/usr/bin/env python3
"""The structure tree of a PDF on one line: `Role(child child) Role[alt]`.

Elements only, in the order of the tree (marked content and object
references are left out); a Figure's /Alt in brackets. Used by
tests/unit/test_dl.c to see what the cairo writer made of a display list.

    /usr/bin/python3 tests/struct_tree.py FILE.pdf
"""

import sys

import pikepdf


def kids(elem):
    k = elem.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def show(elem):
    role = str(elem.get("/S"))[1:]
    alt = elem.get("/Alt")
    out = role + ("[%s]" % str(alt) if alt is not None else "")
    inner = [show(k) for k in kids(elem)
             if isinstance(k, pikepdf.Dictionary) and "/S" in k]
    return out + ("(%s)" % " ".join(inner) if inner else "")


def main():
    with pikepdf.open(sys.argv[1]) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        top = kids(root) if root is not None else []
        print(" ".join(show(k) for k in top
                       if isinstance(k, pikepdf.Dictionary) and "/S" in k))


if __name__ == "__main__":
    main()
