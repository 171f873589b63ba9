"""Window art: location and portrait keys are names, never paths; image sizes are checked before decoding."""

from __future__ import annotations

import struct
import zlib

import pygame
import pytest

from game.window.art import MAX_SIDE, Art, png_size

SIZE = (64, 36)
RED, BLUE = (200, 0, 0), (0, 0, 200)


def _png(path, colour, size=(4, 4)):
    surf = pygame.Surface(size)
    surf.fill(colour)
    pygame.image.save(surf, str(path))


def _claim_size(path, width, height):
    """Rewrite a PNG's header to claim another size (with a valid CRC), as a decompression bomb does."""
    data = bytearray(path.read_bytes())
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    path.write_bytes(bytes(data))


@pytest.fixture
def assets(tmp_path):
    root = tmp_path / "assets"
    (root / "backgrounds").mkdir(parents=True)
    (root / "portraits").mkdir()
    _png(root / "backgrounds" / "default.png", BLUE)
    _png(root / "backgrounds" / "kitchen.png", RED)
    _png(tmp_path / "outside.png", RED)
    return root


def _colour(surf):
    return tuple(surf.get_at((SIZE[0] // 2, SIZE[1] // 2)))[:3]


def test_a_plain_name_loads_its_background(assets):
    assert _colour(Art(assets).background("kitchen", SIZE)) == RED


@pytest.mark.parametrize("key", ["../../outside", "../outside", "/tmp/outside", "kitchen/../kitchen", "Kitchen",
                                 "kitchen\x00", "k" * 65])
def test_a_location_that_is_a_path_gets_the_default_background(assets, key):
    assert _colour(Art(assets).background(key, SIZE)) == BLUE


def test_a_portrait_key_that_is_a_path_is_not_opened(assets, tmp_path):
    _png(tmp_path / "x_neutral.png", RED)
    assert Art(assets).portrait("../../x", "neutral", SIZE) is None


def test_a_linked_background_is_not_followed(assets, tmp_path):
    (assets / "backgrounds" / "linked.png").symlink_to(tmp_path / "outside.png")
    assert _colour(Art(assets).background("linked", SIZE)) == BLUE


def test_a_huge_png_is_refused_from_its_header_before_decoding(assets, monkeypatch):
    _claim_size(assets / "backgrounds" / "kitchen.png", 20000, 20000)
    assert png_size((assets / "backgrounds" / "kitchen.png").read_bytes()) == (20000, 20000)

    decoded, real_load = [], pygame.image.load

    def recording_load(source, namehint=""):
        decoded.append(namehint)
        return real_load(source, namehint)

    monkeypatch.setattr(pygame.image, "load", recording_load)
    assert _colour(Art(assets).background("kitchen", SIZE)) == BLUE  # the default instead
    assert decoded == ["default.png"]  # the 20000 x 20000 image never reached the decoder


def test_the_side_limit_still_fits_real_backgrounds():
    from game.window.art import ASSETS

    for path in (ASSETS / "backgrounds").glob("*.png"):
        width, height = png_size(path.read_bytes())
        assert width <= MAX_SIDE and height <= MAX_SIDE
