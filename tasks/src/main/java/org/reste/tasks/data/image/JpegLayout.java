package org.reste.tasks.data.image;

/**
 * The two facts of a JPEG header that decide how its samples become RGB, read from the bytes
 * without decoding: the number of colour components (frame header) and the Adobe APP14 colour
 * transform (0 none, 1 YCbCr, 2 YCCK; -1 when there is no Adobe marker).
 */
record JpegLayout(int components, int adobeTransform) {

    /** The layout, or null for bytes that are not a JPEG or whose header cannot be followed. */
    static JpegLayout of(byte[] b) {
        if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8) {
            return null;
        }
        int transform = -1;
        int p = 2;
        while (p + 4 <= b.length) {
            if ((b[p] & 0xFF) != 0xFF) {
                return null;
            }
            int marker = b[p + 1] & 0xFF;
            if (marker == 0xFF) { // fill byte
                p++;
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { // no length
                p += 2;
                continue;
            }
            int length = ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
            int body = p + 4;
            if (marker == 0xEE && length >= 14 && body + 12 <= b.length
                    && b[body] == 'A' && b[body + 1] == 'd' && b[body + 2] == 'o' && b[body + 3] == 'b' && b[body + 4] == 'e') {
                transform = b[body + 11] & 0xFF;
            }
            boolean frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (frame) {
                // precision (1), height (2), width (2), components (1)
                return body + 5 < b.length ? new JpegLayout(b[body + 5] & 0xFF, transform) : null;
            }
            if (marker == 0xDA || marker == 0xD9 || length < 2) { // scan or end before a frame header
                return null;
            }
            p += 2 + length;
        }
        return null;
    }
}
