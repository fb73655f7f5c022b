package dev.jp.cli.run;

import dev.jp.cli.CliException;
import dev.jp.cli.Context;
import dev.jp.cli.config.CliConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Which certificates a rendezvous may present: those signed by the PEM file in
 * {@code JP_RENDEZVOUS_CA}, else by the one {@code jp up} names as {@code rendezvous.ca} in jp's
 * config file, else by the JDK's default trust store (a rendezvous with a public certificate).
 */
final class RendezvousTrust {

    static final String ENV = "JP_RENDEZVOUS_CA";
    static final String CONFIG_KEY = "rendezvous.ca";

    private RendezvousTrust() {
    }

    static SSLContext sslContext(Context context) {
        String pem = context.env(ENV);
        if (pem == null) {
            pem = fromConfig(context);
        }
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            if (pem == null) {
                ssl.init(null, null, null);
            } else {
                ssl.init(null, trustOnly(Path.of(pem)).getTrustManagers(), null);
            }
            return ssl;
        } catch (GeneralSecurityException e) {
            throw CliException.failure("cannot set up TLS for the rendezvous: " + e.getMessage());
        }
    }

    private static TrustManagerFactory trustOnly(Path pem) throws GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pem)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw CliException.failure("cannot read the rendezvous CA " + pem + ": " + e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw CliException.failure("the rendezvous CA " + pem + " holds no PEM certificate");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        int i = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("rendezvous-ca-" + i++, certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory;
    }

    private static String fromConfig(Context context) {
        Path file = CliConfig.file(context.env());
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            return null;
        }
        String value = properties.getProperty(CONFIG_KEY);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
