import segno


def qr_svg_data_uri(url: str) -> str:
    """A small QR code (SVG data URI) for the verification address."""
    return segno.make(url, error="m", micro=False).svg_data_uri(scale=4, border=2)
