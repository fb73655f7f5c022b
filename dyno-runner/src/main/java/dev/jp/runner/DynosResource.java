package dev.jp.runner;

import dev.jp.runner.dynos.DynoView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** What this runner runs right now, with each dyno's last CPU and memory sample: for operators, not users. */
@Path("/dynos")
public class DynosResource {

    private final RunnerLifecycle runner;

    DynosResource(RunnerLifecycle runner) {
        this.runner = runner;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<DynoView> list() {
        return runner.dynos();
    }
}
