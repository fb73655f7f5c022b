package dev.jp.localstack.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A valid tar.gz whose one file holds gigabytes of zeros, a few MB compressed, written without
 * compressing gigabytes: a block of zeros is deflated once (byte-aligned by a sync flush) and
 * repeated, which is still one valid deflate stream. For the tests of every module that takes slugs.
 */
public final class GzipBomb {

    private GzipBomb() {
    }

    /** A slug with a Procfile and {@code zeros}, a file of {@code size} zero bytes (a multiple of 1 MiB). */
    public static byte[] slug(long size) {
        byte[] procfile = "web: ./web\n".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.writeBytes(tarHeader("Procfile", procfile.length));
        head.writeBytes(padded(procfile));
        head.writeBytes(tarHeader("zeros", size));
        byte[] prefix = head.toByteArray();

        int block = 1024 * 1024;
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        gz.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
        gz.writeBytes(deflateFlushed(prefix));
        byte[] zeros = deflateFlushed(new byte[block]);
        for (long written = 0; written < size; written += block) {
            gz.writeBytes(zeros);
        }
        byte[] end = new byte[1024]; // two empty tar blocks
        gz.writeBytes(deflateFlushed(end));
        gz.writeBytes(new byte[] {3, 0}); // a final, empty fixed-Huffman block

        CRC32 crc = new CRC32();
        crc.update(prefix);
        byte[] zero = new byte[block];
        for (long done = 0; done < size; done += block) {
            crc.update(zero);
        }
        crc.update(end);
        long total = prefix.length + size + end.length;
        gz.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue()).putInt((int) total).array());
        return gz.toByteArray();
    }

    private static byte[] deflateFlushed(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length || !deflater.needsInput());
        deflater.end();
        return out.toByteArray();
    }

    private static byte[] padded(byte[] content) {
        byte[] out = new byte[(content.length + 511) / 512 * 512];
        System.arraycopy(content, 0, out, 0, content.length);
        return out;
    }

    /** A ustar header of a regular file. */
    private static byte[] tarHeader(String name, long size) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644\0");
        put(h, 108, "0000000\0");
        put(h, 116, "0000000\0");
        put(h, 124, String.format("%011o\0", size));
        put(h, 136, "00000000000\0");
        h[156] = '0';
        put(h, 257, "ustar\0");
        put(h, 263, "00");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o\0 ", sum));
        return h;
    }

    private static void put(byte[] header, int at, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, at, bytes.length);
    }
}
