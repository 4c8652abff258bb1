package io.tenantsync.core.store;

import java.util.List;
import java.util.Optional;

/**
 * One page of log entries, newest first.
 *
 * @param nextPageToken passed to {@link ProvisioningLogQuery#after(String)} for the next page; null on the last page
 */
public record ProvisioningLogPage(List<ProvisioningLogEntry> entries, String nextPageToken) {

    public ProvisioningLogPage {
        entries = List.copyOf(entries);
    }

    public Optional<String> next() {
        return Optional.ofNullable(nextPageToken);
    }
}
