# Reference values for TransformsTest: CRC32 of the CHW bytes Pillow makes for a pattern image.
# Run with Pillow and numpy installed (made with Pillow 12.3.0): python3 pillow_bilinear_reference.py
# cmyk-pillow.jpg beside it was written by Pillow 12.3.0: a 16x16 CMYK image of four 8x8 quadrants
# (0,200,255,0) (255,0,40,30) / (10,20,30,200) (128,64,0,100), quality=100, subsampling=0;
# its convert("RGB") values at the quadrant centres are in ImageDecoderTest.
import zlib, numpy as np
from PIL import Image

def pattern(w, h):
    x = np.arange(w)[None, :].astype(np.int64)
    y = np.arange(h)[:, None].astype(np.int64)
    planes = [((x * x * (c + 1) + 3 * y * x + 17 * y + 40 * c) % 256) for c in range(3)]
    return np.stack(planes, axis=-1).astype(np.uint8)  # HWC

def chw_crc(img):
    a = np.asarray(img).transpose(2, 0, 1).copy()
    return zlib.crc32(a.tobytes()), a

def resized_crop(w, h, box, size, flip=False):
    im = Image.fromarray(pattern(w, h), "RGB")
    left, top, cw, ch = box
    out = im.crop((left, top, left + cw, top + ch)).resize((size, size), Image.BILINEAR)
    if flip:
        out = out.transpose(Image.FLIP_LEFT_RIGHT)
    return chw_crc(out)

def resize_center(w, h, resize=256, crop=224):
    im = Image.fromarray(pattern(w, h), "RGB")
    short, long = (w, h) if w <= h else (h, w)
    ns, nl = resize, int(resize * long / short)
    nw, nh = (ns, nl) if w <= h else (nl, ns)
    out = im.resize((nw, nh), Image.BILINEAR)
    top = int(round((nh - crop) / 2.0)); left = int(round((nw - crop) / 2.0))
    out = out.crop((left, top, left + crop, top + crop))
    return chw_crc(out)

for name, (crc, a) in [
    ("crop_up", resized_crop(333, 250, (20, 15, 201, 187), 224)),
    ("crop_down", resized_crop(333, 250, (5, 3, 300, 240), 224)),
    ("crop_down_flip", resized_crop(333, 250, (5, 3, 300, 240), 224, True)),
    ("crop_tiny", resized_crop(333, 250, (100, 100, 7, 9), 224)),
    ("val_333x250", resize_center(333, 250)),
    ("val_520x700", resize_center(520, 700)),
    ("val_256x256", resize_center(256, 256)),
]:
    print(name, crc, a[0, 0, :4].tolist(), a[2, 100, 100:104].tolist())
