import segno


def qr_svg_data_uri(url: str) -> str:
    """A small QR code (SVG data URI) for the verification address.

    The mask pattern is fixed: every mask gives a standard QR code, and scoring all eight (segno's
    default) costs more time than the rest of the certificate's preparation.
    """
    return segno.make(url, error="m", micro=False, mask=4, boost_error=False).svg_data_uri(scale=4, border=2)
