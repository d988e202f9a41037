"""A tagged PDF as a screen reader walks it (python3-pikepdf).

marks(pdf) reads every page's content stream and gives, for each marked
content sequence with an MCID, the text it shows (decoded through the
fonts' ToUnicode maps, ActualText where a span has one), and for every
painting operator what marks it: an element's MCID, /Artifact, both or
nothing. walk(pdf) gives the structure elements in tree order with the
text of their marked content, so that a test can compare the text a
reader hears with the document's words.

    /usr/bin/python3 tests/pdf_tree.py FILE.pdf     the tree, indented
"""

import re
import sys

import pikepdf

TEXT_OPS = {"Tj", "TJ", "'", '"'}
PAINT_OPS = TEXT_OPS | {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh",
                        "Do", "BI"}
LINE_OPS = {"Td", "TD", "T*", "Tm", "'", '"'}


def _hex(s):
    return bytes.fromhex(s.decode("ascii"))


def read_cmap(data):
    """A ToUnicode CMap: {code bytes: text}."""
    out = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            out[_hex(src)] = _hex(dst).decode("utf-16-be", "replace")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for m in re.finditer(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*"
                             rb"(<[0-9A-Fa-f]*>|\[[^\]]*\])", block):
            lo, hi = int(m.group(1), 16), int(m.group(2), 16)
            width = len(m.group(1)) // 2
            dst = m.group(3)
            if dst.startswith(b"["):
                items = re.findall(rb"<([0-9A-Fa-f]*)>", dst)
                for k, code in enumerate(range(lo, hi + 1)):
                    if k < len(items):
                        out[code.to_bytes(width, "big")] = \
                            _hex(items[k]).decode("utf-16-be", "replace")
            else:
                base = _hex(dst[1:-1])
                for k, code in enumerate(range(lo, hi + 1)):
                    b = base[:-2] + (int.from_bytes(base[-2:], "big") + k).to_bytes(2, "big")
                    out[code.to_bytes(width, "big")] = b.decode("utf-16-be", "replace")
    return out


class Font:
    def __init__(self, font):
        self.width = 2 if font.get("/Subtype") == "/Type0" else 1
        tu = font.get("/ToUnicode")
        self.map = read_cmap(tu.read_bytes()) if tu is not None else {}

    def decode(self, raw):
        return "".join(self.map.get(raw[i:i + self.width], "\ufffd")
                       for i in range(0, len(raw) - self.width + 1, self.width))


def _shown(operands, font):
    if font is None:
        return ""
    out = []
    for o in operands:
        if isinstance(o, pikepdf.String):
            out.append(font.decode(bytes(o)))
        elif isinstance(o, pikepdf.Array):
            out.extend(font.decode(bytes(x)) for x in o
                       if isinstance(x, pikepdf.String))
    return "".join(out)


class PageMarks:
    """What one page's content stream marks."""

    def __init__(self):
        self.text = {}         # MCID -> text
        self.order = []        # MCIDs in stream order
        self.artifact_text = []
        self.unmarked = []     # painting operators outside any mark
        self.mixed = []        # painting inside both an MCID and /Artifact
        self.painted = 0


def page_marks(page):
    fonts = {}
    res = page.get("/Resources")
    if res is not None and "/Font" in res:
        for name, f in res.Font.items():
            fonts[name] = Font(f)
    pm = PageMarks()
    stack = []  # (mcid or None, artifact?, actual text or None, text parts)
    font = None
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        if op in ("BDC", "BMC"):
            tag = str(operands[0])
            props = operands[1] if op == "BDC" and len(operands) > 1 else None
            mcid = int(props["/MCID"]) if isinstance(props, pikepdf.Dictionary) \
                and "/MCID" in props else None
            actual = str(props["/ActualText"]) if isinstance(props, pikepdf.Dictionary) \
                and "/ActualText" in props else None
            stack.append([mcid, tag == "/Artifact", actual, []])
            if mcid is not None:
                pm.text.setdefault(mcid, "")
                pm.order.append(mcid)
            continue
        if op == "EMC":
            if not stack:
                pm.unmarked.append("EMC without BDC")
                continue
            mcid, art, actual, parts = stack.pop()
            shown = actual if actual is not None else "".join(parts)
            if stack:
                stack[-1][3].append(shown)
            elif mcid is not None:
                pm.text[mcid] += shown
            elif art:
                pm.artifact_text.append(shown)
            continue
        if op == "Tf":
            font = fonts.get(str(operands[0]))
        if op in LINE_OPS and stack:
            stack[-1][3].append(" ")
        if op in PAINT_OPS:
            pm.painted += 1
            mcids = [s for s in stack if s[0] is not None]
            arts = [s for s in stack if s[1]]
            if not mcids and not arts:
                pm.unmarked.append(op)
            elif mcids and arts:
                pm.mixed.append(op)
            if op in TEXT_OPS and stack:
                stack[-1][3].append(_shown(operands, font))
    return pm


def marks(pdf):
    """PageMarks of every page, and each page's object id."""
    return [page_marks(p) for p in pdf.pages], [p.objgen for p in pdf.pages]


def kids(elem):
    k = elem.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def walk(pdf, pages=None):
    """(depth, element, text of its own marked content) in tree order."""
    if pages is None:
        pages = marks(pdf)
    pm, ids = pages
    page_of = {objgen: i for i, objgen in enumerate(ids)}
    root = pdf.Root.get("/StructTreeRoot")
    out = []

    def visit(elem, depth):
        own = []
        for k in kids(elem):
            if isinstance(k, int):
                pg = elem.get("/Pg")
                if pg is not None:
                    own.append(pm[page_of[pg.objgen]].text.get(k, ""))
            elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR":
                own.append(pm[page_of[k.Pg.objgen]].text.get(int(k.MCID), ""))
        out.append((depth, elem, " ".join(own)))
        for k in kids(elem):
            if isinstance(k, pikepdf.Dictionary) and "/S" in k:
                visit(k, depth + 1)

    if root is not None:
        for k in kids(root):
            if isinstance(k, pikepdf.Dictionary) and "/S" in k:
                visit(k, 0)
    return out


def mcr_order(pdf, pages=None, only=None, skip=()):
    """Every marked-content reference of the tree, in the order a reader
    meets it (each element's kids in order, depth first), as (page,
    place of the MCID in that page's stream); with only, just those in
    elements of that type; without the elements of the types in skip."""
    if pages is None:
        pages = marks(pdf)
    pm, ids = pages
    page_of = {objgen: i for i, objgen in enumerate(ids)}
    where = [{m: k for k, m in enumerate(p.order)} for p in pm]
    out = []

    def visit(elem, inside):
        s = str(elem.get("/S", ""))
        if s in skip:
            return
        inside = inside or only is None or s == only
        for k in kids(elem):
            if isinstance(k, int) and elem.get("/Pg") is not None and inside:
                p = page_of[elem.Pg.objgen]
                out.append((p, where[p].get(k, -1)))
            elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR":
                if inside:
                    p = page_of[k.Pg.objgen]
                    out.append((p, where[p].get(int(k.MCID), -1)))
            elif isinstance(k, pikepdf.Dictionary) and "/S" in k:
                visit(k, inside)

    root = pdf.Root.get("/StructTreeRoot")
    if root is not None:
        visit(root, False)
    return out


def clean(text):
    """Words as a reader hears them: soft hyphens join a word again."""
    text = re.sub("\u00ad\\s*", "", text)
    return re.sub(r"\s+", " ", text).strip()


def tree_text(pdf, pages=None):
    """The text of the tree, one element's own text a line."""
    return "\n".join(clean(t) for _, _, t in walk(pdf, pages) if clean(t))


def main():
    with pikepdf.open(sys.argv[1]) as pdf:
        for depth, elem, text in walk(pdf):
            alt = elem.get("/Alt")
            print("  " * depth + str(elem.S)[1:] +
                  (" [%s]" % alt if alt is not None else "") +
                  (": " + clean(text)[:70] if clean(text) else ""))


if __name__ == "__main__":
    main()
