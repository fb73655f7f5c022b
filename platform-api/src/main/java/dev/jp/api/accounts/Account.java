package dev.jp.api.accounts;

/** The account a request acts for. */
public record Account(String id, String email) {
}
