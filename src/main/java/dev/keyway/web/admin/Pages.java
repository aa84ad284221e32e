package dev.keyway.web.admin;

import dev.keyway.web.Http;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** Renders an admin template (jte escapes every value) and answers with it, never cached. */
final class Pages {
    private final TemplateEngine templates;

    Pages(TemplateEngine templates) {
        this.templates = templates;
    }

    void render(ServerResponse res, Status status, String template, Object model) {
        StringOutput out = new StringOutput();
        templates.render("admin/" + template + ".jte", model, out);
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(Http.utf8(out.toString()));
    }

    static void redirect(ServerResponse res, String location) {
        res.status(Status.SEE_OTHER_303).header(HeaderNames.LOCATION, location).send();
    }
}
