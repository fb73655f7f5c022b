package dev.jp.localstack.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void reads_herokus_database_url_form() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://jp:s3cr%40t@db.internal:6432/platform");

        assertThat(url).isEqualTo(new DatabaseUrl("db.internal", 6432, "platform", "jp", "s3cr@t"));
        assertThat(url.reactiveUrl()).isEqualTo("postgresql://db.internal:6432/platform");
    }

    @Test
    void reads_a_jdbc_url_with_credentials_in_the_query() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://127.0.0.1/jp?user=root&password=x");

        assertThat(url).isEqualTo(new DatabaseUrl("127.0.0.1", 5432, "jp", "root", "x"));
    }

    @Test
    void never_prints_the_password() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://jp:hunter2@127.0.0.1:5432/jp");

        assertThat(url.toString()).isEqualTo("postgresql://jp@127.0.0.1:5432/jp").doesNotContain("hunter2");
    }

    @Test
    void rejects_other_schemes_without_echoing_the_password() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://jp:hunter2@host/db"))
                .hasMessageContaining("not a PostgreSQL URL")
                .hasMessageNotContaining("hunter2");
    }
}
