package dev.jp.runner.slugs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DynoUidsTest {

    @TempDir
    Path locks;

    @Test
    void each_lease_is_a_uid_no_other_lease_holds_even_across_instances() throws Exception {
        DynoUids one = new DynoUids(locks, 50_000);
        DynoUids other = new DynoUids(locks, 50_000);
        try (DynoUids.Lease a = one.lease(); DynoUids.Lease b = other.lease(); DynoUids.Lease c = one.lease()) {
            assertThat(java.util.Set.of(a.uid(), b.uid(), c.uid())).hasSize(3);
        }
    }

    @Test
    void a_uid_given_back_is_not_handed_out_again_at_once() throws Exception {
        DynoUids uids = new DynoUids(locks, 50_000);
        DynoUids.Lease first = uids.lease();
        int uid = first.uid();
        first.close();

        try (DynoUids.Lease next = uids.lease()) {
            assertThat(next.uid()).isNotEqualTo(uid);
        }
    }
}
