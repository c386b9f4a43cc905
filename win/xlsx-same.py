# win/xlsx-same.py LINUX_DIR WINDOWS_DIR — every .xlsx in LINUX_DIR against
# the workbook of the same name in WINDOWS_DIR (win/test-cli.sh): the same
# parts in the same order, each byte for byte, but docProps/core.xml, whose
# dcterms:created and dcterms:modified are the moment of writing (muling
# does not pin them on Linux either) and are compared with those blanked.
# Then openpyxl (as tests/sh/cli_report_xlsx.sh reads Linux's) opens the
# Windows workbook and finds the same sheets and cells as in Linux's.
# Prints `ok xlsx: NAME same as Linux` / `FAIL xlsx: NAME: why`.
import os, re, sys, zipfile
import openpyxl

lin, win = sys.argv[1], sys.argv[2]
STAMP = re.compile(rb'(<dcterms:(?:created|modified) xsi:type="dcterms:W3CDTF">)'
                   rb'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ(</dcterms:)')


def parts(path):
    with zipfile.ZipFile(path) as z:
        out = []
        for info in z.infolist():
            data = z.read(info)
            if info.filename == 'docProps/core.xml':
                data, n = STAMP.subn(rb'\1\2', data)
                if n != 2:
                    raise ValueError(f'docProps/core.xml has {n} timestamps, want 2')
            out.append((info.filename, info.date_time, data))
        return out


def cells(path):
    wb = openpyxl.load_workbook(path)
    return [(ws.title, ws.freeze_panes, list(ws.iter_rows(values_only=True))) for ws in wb.worksheets]


names = sorted(n for n in os.listdir(lin) if n.endswith('.xlsx'))
if not names:
    print(f'FAIL xlsx: no workbook in {lin}')
for name in names:
    w = os.path.join(win, name)
    try:
        a, b = parts(os.path.join(lin, name)), parts(w)
        why = ''
        if [p[0] for p in a] != [p[0] for p in b]:
            why = f'parts {[p[0] for p in b]}, Linux {[p[0] for p in a]}'
        else:
            for (n, da, xa), (_, db, xb) in zip(a, b):
                if da != db:
                    why = f'{n}: dated {db}, Linux {da}'
                elif xa != xb:
                    i = next(i for i in range(min(len(xa), len(xb)) + 1) if xa[i:i + 1] != xb[i:i + 1])
                    why = f'{n} differs at byte {i}: {xb[max(0, i - 40):i + 40]!r}, Linux {xa[max(0, i - 40):i + 40]!r}'
                if why:
                    break
        if not why and cells(os.path.join(lin, name)) != cells(w):
            why = 'openpyxl reads other cells'
    except Exception as e:  # a missing or broken workbook is a failure, said
        why = f'{type(e).__name__}: {e}'
    print(f'FAIL xlsx: {name}: {why}' if why else f'ok xlsx: {name} same as Linux ({len(a)} parts)')
