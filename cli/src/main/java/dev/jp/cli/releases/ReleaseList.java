package dev.jp.cli.releases;

import dev.jp.cli.api.ApiClient;
import dev.jp.cli.api.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An app's releases, newest first, read with Heroku's Range paging (206 + Next-Range while more remain). */
public final class ReleaseList {

    private ReleaseList() {
    }

    public static List<Node> newest(ApiClient api, String app, int count) {
        List<Node> releases = new ArrayList<>();
        String range = "version ..; max=" + Math.min(count, 1000) + ", order=desc";
        while (range != null && releases.size() < count) {
            ApiClient.Response page = api.get("/apps/" + app + "/releases", Map.of("Range", range));
            releases.addAll(page.body().list());
            range = page.status() == 206 ? page.header("Next-Range") : null;
        }
        return releases.size() > count ? releases.subList(0, count) : releases;
    }

    /** The current release's version, or 0 before the first deploy. */
    public static int currentVersion(ApiClient api, String app) {
        List<Node> latest = newest(api, app, 1);
        return latest.isEmpty() ? 0 : latest.get(0).integer("version");
    }
}
