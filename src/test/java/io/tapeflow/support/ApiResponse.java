package io.tapeflow.support;

import java.util.List;
import java.util.Map;

/** A response as tests read it: status, parsed JSON body (when there is one) and the raw text. */
public record ApiResponse(int status, Object json, String raw, Map<String, List<String>> headers) {

    @SuppressWarnings("unchecked")
    public Map<String, Object> body() {
        return (Map<String, Object>) json;
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> list(String key) {
        return (List<Map<String, Object>>) body().get(key);
    }

    public Object get(String key) {
        return body().get(key);
    }

    public long id() {
        return ((Number) body().get("id")).longValue();
    }

    @SuppressWarnings("unchecked")
    public List<String> messages() {
        return (List<String>) body().get("messages");
    }

    @SuppressWarnings("unchecked")
    public Map<String, List<Map<String, Object>>> details() {
        return (Map<String, List<Map<String, Object>>>) body().get("details");
    }

    /** The error kinds reported on a field, e.g. ["blank"]. */
    public List<Object> errorKinds(String field) {
        List<Map<String, Object>> errors = details().get(field);
        return errors == null ? List.of() : errors.stream().map(e -> e.get("error")).toList();
    }

    @Override
    public String toString() {
        return status + " " + raw;
    }
}
