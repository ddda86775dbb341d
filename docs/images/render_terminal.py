#!/usr/bin/env python3
"""Renders a terminal screen captured with `tmux capture-pane -e -p` (text with SGR colour codes)
to a PNG, cell by cell, in DejaVu Sans Mono: a screenshot without a graphical terminal."""
import re
import sys
from PIL import Image, ImageDraw, ImageFont

FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf'
BOLD = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf'
SIZE = 15
BACKGROUND = (30, 30, 36)
FOREGROUND = (220, 220, 220)
# xterm's 16 colours, a little softened.
BASE = [(30, 30, 36), (224, 108, 117), (152, 195, 121), (229, 192, 123), (97, 175, 239), (198, 120, 221), (86, 182, 194), (200, 200, 200),
        (92, 99, 112), (255, 120, 130), (170, 220, 140), (240, 210, 140), (120, 190, 255), (220, 140, 240), (110, 210, 220), (255, 255, 255)]


def colour256(n):
    if n < 16:
        return BASE[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return (steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
    grey = 8 + (n - 232) * 10
    return (grey, grey, grey)


def cells(line):
    """Yields (char, fg, bg, bold) for each character of a line, following its SGR codes."""
    state = {'fg': None, 'bg': None, 'bold': False, 'reverse': False}
    for token in re.split(r'(\x1b\[[0-9;]*m)', line):
        if token.startswith('\x1b['):
            codes = [int(code) if code else 0 for code in token[2:-1].split(';')]
            i = 0
            while i < len(codes):
                code = codes[i]
                if code == 0:
                    state = {'fg': None, 'bg': None, 'bold': False, 'reverse': False}
                elif code == 1:
                    state['bold'] = True
                elif code == 22:
                    state['bold'] = False
                elif code == 7:
                    state['reverse'] = True
                elif code == 27:
                    state['reverse'] = False
                elif 30 <= code <= 37:
                    state['fg'] = BASE[code - 30]
                elif 90 <= code <= 97:
                    state['fg'] = BASE[code - 90 + 8]
                elif code == 39:
                    state['fg'] = None
                elif 40 <= code <= 47:
                    state['bg'] = BASE[code - 40]
                elif 100 <= code <= 107:
                    state['bg'] = BASE[code - 100 + 8]
                elif code == 49:
                    state['bg'] = None
                elif code in (38, 48) and i + 1 < len(codes):
                    key = 'fg' if code == 38 else 'bg'
                    if codes[i + 1] == 5 and i + 2 < len(codes):
                        state[key] = colour256(codes[i + 2])
                        i += 2
                    elif codes[i + 1] == 2 and i + 4 < len(codes):
                        state[key] = tuple(codes[i + 2:i + 5])
                        i += 4
                i += 1
            continue
        for char in token:
            fg, bg = state['fg'] or FOREGROUND, state['bg'] or BACKGROUND
            if state['reverse']:
                fg, bg = bg, fg
            yield char, fg, bg, state['bold']


def main(source, target):
    lines = open(source, encoding='utf-8', errors='replace').read().rstrip('\n').split('\n')
    font, bold = ImageFont.truetype(FONT, SIZE), ImageFont.truetype(BOLD, SIZE)
    width = round(font.getlength('M'))
    height = SIZE + 5
    columns = max(sum(1 for _ in cells(line)) for line in lines)
    image = Image.new('RGB', (columns * width + 24, len(lines) * height + 24), BACKGROUND)
    draw = ImageDraw.Draw(image)
    for row, line in enumerate(lines):
        for column, (char, fg, bg, strong) in enumerate(cells(line)):
            x, y = 12 + column * width, 12 + row * height
            if bg != BACKGROUND:
                draw.rectangle([x, y, x + width - 1, y + height - 1], fill=bg)
            if char != ' ':
                draw.text((x, y + 2), char, font=bold if strong else font, fill=fg)
    image.save(target)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
