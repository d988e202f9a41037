#!/usr/bin/env python3
"""The structure tree of a PDF on one line: `Role(child child) Role[alt]`.

Elements only, in the order of the tree (marked content and object
references are left out); a Figure's /Alt in brackets. Used by
tests/unit/test_dl.c to see what the cairo writer made of a display list.

    /usr/bin/python3 tests/struct_tree.py FILE.pdf

As a module (tests/archive.py) it also gives what a reader that follows
the tree hears: the text of each element in tree order (`TreeReader`),
read from the marked content each MCID names and decoded with the fonts'
ToUnicode maps, and the marked content of every painting operator of a
page (`painting_marks`).
"""

import re
import sys

import pikepdf

# Operators that show text or paint a path, an image or a shading.
TEXT_OPS = {"Tj", "TJ", "'", '"'}
PAINT_OPS = TEXT_OPS | {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*",
                        "sh", "Do", "EI"}


def kids(elem):
    k = elem.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def is_elem(k):
    return isinstance(k, pikepdf.Dictionary) and "/S" in k


def role(elem):
    return str(elem.get("/S"))[1:]


def show(elem, keep=lambda e: True):
    alt = elem.get("/Alt")
    out = role(elem) + ("[%s]" % str(alt) if alt is not None else "")
    inner = [show(k, keep) for k in kids(elem) if is_elem(k) and keep(k)]
    return out + ("(%s)" % " ".join(inner) if inner else "")


def top_elements(pdf):
    root = pdf.Root.get("/StructTreeRoot")
    return [k for k in (kids(root) if root is not None else []) if is_elem(k)]


def tree_line(pdf, keep=lambda e: True):
    """The element tree on one line; elements keep() refuses left out
    with what they hold."""
    return " ".join(show(k, keep) for k in top_elements(pdf) if keep(k))


def number_tree(node, out=None):
    """A number tree (/Nums, /Kids) as a dict: key → value."""
    out = {} if out is None else out
    nums = node.get("/Nums")
    if nums is not None:
        for i in range(0, len(nums) - 1, 2):
            out[int(nums[i])] = nums[i + 1]
    for kid in node.get("/Kids", []):
        number_tree(kid, out)
    return out


# ------------------------------------------------------------------
# fonts: character codes to text

def _utf16(hexdigits):
    return bytes.fromhex(hexdigits).decode("utf-16-be", "replace")


def to_unicode(font):
    """The font's ToUnicode map (code bytes → text) and its code length."""
    two = font.get("/Subtype") == "/Type0"
    table = {}
    tu = font.get("/ToUnicode")
    if tu is None:
        return table, 2 if two else 1
    cmap = tu.read_bytes().decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for src, dst in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", block):
            table[bytes.fromhex(src)] = _utf16(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, dst in re.findall(
                r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]*>|\[[^\]]*\])", block):
            n = len(lo) // 2
            a, b = int(lo, 16), int(hi, 16)
            if dst.startswith("["):
                dsts = re.findall(r"<([0-9a-fA-F]*)>", dst)
                for i, d in enumerate(dsts[:b - a + 1]):
                    table[(a + i).to_bytes(n, "big")] = _utf16(d)
            else:
                d = bytes.fromhex(dst[1:-1])
                base = int.from_bytes(d[-2:], "big")
                for i in range(b - a + 1):
                    table[(a + i).to_bytes(n, "big")] = (
                        d[:-2] + ((base + i) & 0xFFFF).to_bytes(2, "big")
                    ).decode("utf-16-be", "replace")
    return table, 2 if two else 1


def decode(font_map, data):
    table, n = font_map
    return "".join(table.get(data[i:i + n], "\ufffd")
                   for i in range(0, len(data) - n + 1, n))


def shown_strings(op, operands):
    if op == "TJ":
        return [bytes(x) for x in operands[0] if isinstance(x, pikepdf.String)]
    if op in TEXT_OPS:
        return [bytes(operands[-1])]
    return []


# ------------------------------------------------------------------
# pages: marked content

def painting_marks(page):
    """For each painting operator of the page, in order: (operator, the
    marked-content sequences around it, innermost last, each as (tag,
    MCID or None)), and the text of each MCID."""
    fonts = {}
    res_fonts = page.obj.get("/Resources", {}).get("/Font", {})
    stack, font, marks, text = [], None, [], {}
    for ins in pikepdf.parse_content_stream(page):
        op = str(ins.operator)
        args = ins.operands
        if op in ("BDC", "BMC"):
            mcid = None
            if op == "BDC" and isinstance(args[1], pikepdf.Dictionary):
                mcid = args[1].get("/MCID")
            stack.append((str(args[0]), None if mcid is None else int(mcid)))
        elif op == "EMC":
            if stack:
                stack.pop()
        elif op == "Tf":
            name = str(args[0])
            if name not in fonts:
                fonts[name] = to_unicode(res_fonts[name])
            font = fonts[name]
        if op in PAINT_OPS:
            marks.append((op, list(stack)))
        if op in TEXT_OPS and font is not None:
            inner = [m for _, m in stack if m is not None]
            if inner:
                s = "".join(decode(font, b) for b in shown_strings(op, args))
                text[inner[-1]] = text.get(inner[-1], "") + s
    return marks, text


class TreeReader:
    """What a reader that follows the tree of pdf gets, with the text of
    each page's MCIDs read once."""

    def __init__(self, pdf):
        self.pdf = pdf
        self.page_of = {p.objgen: i for i, p in enumerate(pdf.pages)}
        self.texts = {}

    def mcid_text(self, page, mcid):
        i = self.page_of.get(page.objgen) if page is not None else None
        if i is None:
            return ""
        if i not in self.texts:
            self.texts[i] = painting_marks(self.pdf.pages[i])[1]
        return self.texts[i].get(mcid, "")

    def pieces(self, elem, path, page, keep, out):
        """(roles, text, element) for each MCID of elem and the elements
        in it that keep() takes, in tree order."""
        page = elem.get("/Pg", page)
        here = path + [role(elem)]
        for k in kids(elem):
            if is_elem(k):
                if keep(k):
                    self.pieces(k, here, page, keep, out)
            elif isinstance(k, pikepdf.Dictionary):
                if k.get("/Type") == "/MCR":  # else an object reference
                    out.append(("/".join(here), self.mcid_text(
                        k.get("/Pg", page), int(k.get("/MCID"))), elem.objgen))
            else:
                out.append(("/".join(here), self.mcid_text(page, int(k)),
                            elem.objgen))
        return out

    def has_text(self, elem):
        return any(t for _, t, _ in self.pieces(elem, [], None,
                                                lambda e: True, []))

    def tree_text(self, keep=lambda e: True):
        """[(roles, text)]: one entry for each stretch of the tree's
        marked content that belongs to one element (roles: the element's
        path, "TOC/TOCI"), in tree order; marked content without text is
        passed over, and elements keep() refuses are left out with what
        they hold."""
        out = []
        for e in top_elements(self.pdf):
            if keep(e):
                self.pieces(e, [], None, keep, out)
        merged = []
        for key, t, who in out:
            if not t:
                continue
            if merged and merged[-1][0] == key and merged[-1][2] == who:
                merged[-1] = (key, merged[-1][1] + t, who)
            else:
                merged.append((key, t, who))
        return [(k, t) for k, t, _ in merged]


def main():
    with pikepdf.open(sys.argv[1]) as pdf:
        print(tree_line(pdf))


if __name__ == "__main__":
    main()
