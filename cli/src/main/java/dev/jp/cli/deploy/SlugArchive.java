package dev.jp.cli.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * An app directory as a slug: a gzipped POSIX tar of its regular files, paths relative to the
 * directory, executable bits kept, {@code .slugignore} honoured. Written by hand (ustar headers,
 * a PAX record for a long path) so the CLI needs no archive library.
 */
public final class SlugArchive {

    private static final int BLOCK = 512;

    /** The tarball and what went into it. */
    public record Packed(byte[] tarball, int files, long bytes) {
    }

    private SlugArchive() {
    }

    public static Packed pack(Path dir) throws IOException {
        Path ignoreFile = dir.resolve(".slugignore");
        SlugIgnore ignore = SlugIgnore.parse(Files.isRegularFile(ignoreFile) ? Files.readString(ignoreFile) : "");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile)
                    .filter(file -> !Files.isSymbolicLink(file))
                    .filter(file -> !ignore.ignores(relative(dir, file)))
                    .sorted()
                    .forEach(files::add);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long total = 0;
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            for (Path file : files) {
                byte[] content = Files.readAllBytes(file);
                total += content.length;
                String name = relative(dir, file);
                int mode = Files.isExecutable(file) ? 0755 : 0644;
                if (name.getBytes(StandardCharsets.UTF_8).length > 100) {
                    writeEntry(gzip, "././@PaxHeader", 0644, 'x', pax("path", name), Files.getLastModifiedTime(file).toMillis());
                }
                writeEntry(gzip, name, mode, '0', content, Files.getLastModifiedTime(file).toMillis());
            }
            gzip.write(new byte[BLOCK * 2]);
        }
        return new Packed(bytes.toByteArray(), files.size(), total);
    }

    static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    private static byte[] pax(String key, String value) {
        String body = " " + key + "=" + value + "\n";
        int length = body.getBytes(StandardCharsets.UTF_8).length;
        int digits = Integer.toString(length).length();
        while (Integer.toString(length + digits).length() != digits) {
            digits++;
        }
        return ((length + digits) + body).getBytes(StandardCharsets.UTF_8);
    }

    private static void writeEntry(OutputStream out, String name, int mode, char type, byte[] content, long modifiedMillis)
            throws IOException {
        byte[] header = new byte[BLOCK];
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(nameBytes, 0, header, 0, Math.min(100, nameBytes.length));
        octal(header, 100, 8, mode);
        octal(header, 108, 8, 0);
        octal(header, 116, 8, 0);
        octal(header, 124, 12, content.length);
        octal(header, 136, 12, modifiedMillis / 1000);
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        header[156] = (byte) type;
        System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, header, 257, 8);
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        octal(header, 148, 7, sum);
        header[155] = ' ';
        out.write(header);
        out.write(content);
        int pad = (BLOCK - content.length % BLOCK) % BLOCK;
        out.write(new byte[pad]);
    }

    /** A zero-padded octal number ending in NUL, as tar's numeric fields are. */
    private static void octal(byte[] header, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        String padded = "0".repeat(Math.max(0, length - 1 - digits.length())) + digits;
        byte[] ascii = padded.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, header, offset, length - 1);
        header[offset + length - 1] = 0;
    }
}
