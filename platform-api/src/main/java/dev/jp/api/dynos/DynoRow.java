package dev.jp.api.dynos;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** The last reported state of one dyno, from the runners' {@code dyno.state-changed.v1} events. */
@Entity
@Table(name = "dynos")
@IdClass(DynoRow.Key.class)
public class DynoRow {

    @Id
    @Column(name = "app_name")
    public String appName;

    @Id
    public String name;

    @Column(nullable = false)
    public String id;

    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public String state;

    @Column(name = "release_version", nullable = false)
    public int releaseVersion;

    public String host;

    public Long pid;

    @Column(name = "exit_status")
    public Integer exitStatus;

    public String signal;

    @Column(name = "restart_count", nullable = false)
    public int restartCount;

    @Column(name = "next_restart_at")
    public Instant nextRestartAt;

    public String error;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The composite key: app and dyno name. */
    public static class Key implements Serializable {
        public String appName;
        public String name;

        public Key() {
        }

        public Key(String appName, String name) {
            this.appName = appName;
            this.name = name;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(appName, key.appName) && Objects.equals(name, key.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(appName, name);
        }
    }
}
