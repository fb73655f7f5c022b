package dev.jp.localstack.platform;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;

/** Asks a service's {@code /q/health/ready}; a lean client, since {@code jp} itself runs this. */
final class HealthProbe {

    private HealthProbe() {
    }

    static boolean isReady(String baseUrl) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl + "/q/health/ready").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }
}
