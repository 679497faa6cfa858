"""Pictures for the demo, drawn with Pillow so nothing is downloaded or committed as binary."""

import io

from PIL import Image, ImageDraw, ImageFont

GREEN, GOLD, CREAM, INK = (31, 95, 74), (201, 162, 39), (246, 245, 240), (29, 43, 54)


def _font(size: int):
    for name in ("DejaVuSans-Bold.ttf", "DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default()


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def marketplace() -> bytes:
    img = Image.new("RGB", (800, 450), CREAM)
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((300, 20, 500, 430), 24, outline=INK, width=6, fill="white")
    d.rounded_rectangle((318, 60, 482, 90), 10, outline=GREEN, width=3)
    d.text((328, 64), "tas anyaman", fill=INK, font=_font(16))
    for y in (110, 270):
        d.rectangle((318, y, 395, y + 90), fill=(222, 200, 150))
        d.rectangle((405, y, 482, y + 90), fill=(200, 220, 210))
        d.text((318, y + 100), "Rp45.000", fill=GREEN, font=_font(14))
    d.text((40, 190), "Cari", fill=INK, font=_font(34))
    d.text((560, 190), "Beli", fill=INK, font=_font(34))
    d.line((140, 210, 290, 210), fill=GOLD, width=6)
    d.line((510, 210, 550, 210), fill=GOLD, width=6)
    return _png(img)


def photo_tips() -> bytes:
    img = Image.new("RGB", (800, 400), CREAM)
    d = ImageDraw.Draw(img)
    d.rectangle((20, 20, 390, 380), fill=(70, 60, 55))
    d.ellipse((140, 150, 260, 260), fill=(120, 100, 60))
    d.line((30, 40, 380, 360), fill=(90, 80, 70), width=12)
    d.text((40, 330), "X", fill=(220, 80, 70), font=_font(40))
    d.rectangle((410, 20, 780, 380), fill="white")
    d.rounded_rectangle((520, 110, 680, 300), 18, fill=(222, 200, 150), outline=(150, 120, 70), width=4)
    d.arc((555, 60, 645, 160), 180, 360, fill=(110, 80, 50), width=8)
    d.text((730, 330), "✓", fill=GREEN, font=_font(40))
    return _png(img)


def price() -> bytes:
    img = Image.new("RGB", (800, 300), CREAM)
    d = ImageDraw.Draw(img)
    d.rectangle((40, 60, 280, 240), fill=(200, 220, 210))
    d.text((70, 130), "HPP Rp32.000", fill=INK, font=_font(24))
    d.text((300, 120), "+", fill=INK, font=_font(48))
    d.rectangle((350, 60, 520, 240), fill=(240, 220, 160))
    d.text((370, 130), "40% Rp12.800", fill=INK, font=_font(20))
    d.text((540, 120), "=", fill=INK, font=_font(48))
    d.rectangle((590, 60, 770, 240), fill=GREEN)
    d.text((610, 130), "Rp45.000", fill="white", font=_font(28))
    return _png(img)


def woven_bag(variant: int = 0) -> bytes:
    img = Image.new("RGB", (900, 900), (252, 251, 248))
    d = ImageDraw.Draw(img)
    body = (200, 330, 700, 800)
    d.rounded_rectangle(body, 40, fill=(214, 190, 135), outline=(150, 120, 70), width=6)
    for x in range(body[0] + 20, body[2], 40):
        d.line((x, body[1] + 10, x, body[3] - 10), fill=(190, 160, 100), width=3)
    for y in range(body[1] + 20, body[3], 40):
        d.line((body[0] + 10, y, body[2] - 10, y), fill=(190, 160, 100), width=3)
    d.arc((300, 130 + variant * 20, 600, 470), 180, 360, fill=(110, 70, 40), width=18)
    return _png(img)


PICTURES = {"marketplace": marketplace, "photo_tips": photo_tips, "price": price}


def facility_logo() -> bytes:
    """A round seal for the demo certificate template."""
    image = Image.new("RGBA", (240, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, 236, 236), fill=GREEN)
    draw.ellipse((26, 26, 214, 214), outline=GOLD, width=6)
    draw.polygon(
        [
            (120, 58),
            (138, 104),
            (186, 104),
            (148, 132),
            (162, 178),
            (120, 150),
            (78, 178),
            (92, 132),
            (54, 104),
            (102, 104),
        ],
        fill=GOLD,
    )
    return _png(image)


def signature(seed: int = 0) -> bytes:
    """A hand-drawn-looking signature line for a demo signatory."""
    image = Image.new("RGBA", (420, 130), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    points = [
        (14, 96),
        (60, 30 + seed * 6),
        (92, 104),
        (150, 24),
        (176, 92),
        (232, 40 + seed * 8),
        (268, 100),
        (330, 36),
        (404, 70),
    ]
    draw.line(points, fill=(24, 44, 120, 255), width=5, joint="curve")
    return _png(image)
