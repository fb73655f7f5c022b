package dev.jp.api.slugs;

import dev.jp.api.ApiConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** The URLs of slug tarballs: where a client uploads one, where a runner fetches one. */
@ApplicationScoped
public class SlugUrls {

    private final String base;

    public SlugUrls(ApiConfig config) {
        this.base = config.apiPublicUrl().replaceAll("/+$", "");
    }

    /** Where runners fetch the slug; the slug's id (a random UUID) is the capability. */
    public String of(String slugId) {
        return base + "/internal/slugs/" + slugId;
    }

    /** Where the client PUTs the tarball of a slug it created. */
    public String upload(String slugId) {
        return base + "/internal/slug-uploads/" + slugId;
    }
}
