package dev.jp.logs.intake;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** The bytes of an intake request once its {@code Content-Encoding} is undone. */
final class RequestBody {

    /** A gzip body that inflates beyond the cap: a mistake or a zip bomb, refused either way. */
    static final class TooLargeException extends Exception {
        TooLargeException(String message) {
            super(message);
        }
    }

    private RequestBody() {
    }

    /**
     * The request's bytes, read only while they stay within {@code maxBytes}: a larger body (by its
     * Content-Length, or counted as it arrives) is refused before it is held in memory.
     */
    static byte[] read(InputStream body, String contentLength, int maxBytes) throws MalformedLogsException, TooLargeException {
        String tooLarge = "a request body may be at most " + maxBytes + " bytes";
        if (contentLength != null && !contentLength.isBlank()) {
            long declared;
            try {
                declared = Long.parseLong(contentLength.trim());
            } catch (NumberFormatException e) {
                throw new MalformedLogsException("Content-Length is not a number");
            }
            if (declared > maxBytes) {
                throw new TooLargeException(tooLarge);
            }
        }
        if (body == null) {
            return new byte[0];
        }
        try {
            byte[] bytes = body.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new TooLargeException(tooLarge);
            }
            return bytes;
        } catch (IOException e) {
            throw new MalformedLogsException("the request body broke off");
        }
    }

    /** Whether the body is taken as it is: nothing to inflate. */
    static boolean isPlain(String contentEncoding) {
        return contentEncoding == null || contentEncoding.isBlank() || contentEncoding.equalsIgnoreCase("identity");
    }

    static byte[] decode(byte[] raw, String contentEncoding, int maxInflatedBytes)
            throws MalformedLogsException, TooLargeException {
        if (isPlain(contentEncoding)) {
            return raw;
        }
        if (!contentEncoding.trim().equalsIgnoreCase("gzip")) {
            throw new MalformedLogsException("unsupported Content-Encoding " + contentEncoding);
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxInflatedBytes, raw.length * 4 + 64));
            byte[] chunk = new byte[16 * 1024];
            int n;
            while ((n = in.read(chunk)) > 0) {
                if (out.size() + n > maxInflatedBytes) {
                    throw new TooLargeException("the body inflates to more than " + maxInflatedBytes + " bytes");
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new MalformedLogsException("the body is not valid gzip");
        }
    }
}
