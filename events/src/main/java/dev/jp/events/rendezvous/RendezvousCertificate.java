package dev.jp.events.rendezvous;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The rendezvous server's self-signed TLS certificate: a PKCS#12 key store for the server and the
 * certificate as PEM for whoever connects (the Heroku CLI through {@code NODE_EXTRA_CA_CERTS}, runners
 * through {@code jp.runner.rendezvous-ca}, {@code jp run}). Made with the JDK's own {@code keytool},
 * so no crypto library is needed; made once and then reused, so clients keep trusting it.
 *
 * @param keyStore the PKCS#12 file holding the key and certificate under {@link #ALIAS}
 * @param password the key store's (and key's) password
 * @param caPem the certificate in PEM, to be trusted by clients
 */
public record RendezvousCertificate(Path keyStore, String password, Path caPem) {

    public static final String ALIAS = "rendezvous";
    private static final Pattern IP = Pattern.compile("[0-9.]+|.*:.*");

    /**
     * The certificate in {@code keyStore}, made now when the file does not exist yet, valid for
     * 127.0.0.1, localhost and {@code hosts}; its PEM is {@code caPem} (written when missing).
     */
    public static RendezvousCertificate loadOrCreate(Path keyStore, String password, Path caPem, List<String> hosts) {
        keyStore = keyStore.toAbsolutePath();
        caPem = caPem.toAbsolutePath();
        try {
            Path dir = keyStore.getParent();
            Files.createDirectories(dir);
            if (!Files.isRegularFile(keyStore)) {
                Path partial = Files.createTempFile(dir, "rendezvous", ".p12.partial");
                Files.delete(partial); // keytool refuses to write into an existing empty file
                keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                        "-sigalg", "SHA256withECDSA", "-validity", "3650", "-dname", "CN=jp rendezvous",
                        "-ext", "san=" + subjectAlternativeNames(hosts), "-storetype", "PKCS12",
                        "-keystore", partial.toString(), "-storepass", password, "-keypass", password);
                Files.move(partial, keyStore, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                Files.deleteIfExists(caPem);
            }
            if (!Files.isRegularFile(caPem)) {
                Files.createDirectories(caPem.toAbsolutePath().getParent());
                Path partial = Files.createTempFile(caPem.toAbsolutePath().getParent(), "rendezvous-ca", ".pem.partial");
                Files.delete(partial);
                keytool("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keyStore.toString(),
                        "-storepass", password, "-file", partial.toString());
                Files.move(partial, caPem, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return new RendezvousCertificate(keyStore, password, caPem);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the rendezvous certificate in " + keyStore, e);
        }
    }

    static String subjectAlternativeNames(List<String> hosts) {
        Set<String> names = new LinkedHashSet<>(List.of("ip:127.0.0.1", "dns:localhost"));
        for (String host : hosts) {
            names.add((IP.matcher(host).matches() ? "ip:" : "dns:") + host);
        }
        return String.join(",", names);
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                keytool.destroyForcibly();
                // The output names files and options, never the password (it is not echoed).
                throw new IOException("keytool failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
    }
}
