package io.shapesync.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RootResourceTest {
    @Test
    void shouldMapRequestPathsWhenPlainFilePaths() {
        assertEquals("/", RootResource.resourceName(""));
        assertEquals("/", RootResource.resourceName("/"));
        assertEquals("/admin/", RootResource.resourceName("admin/"));
        assertEquals("/admin", RootResource.resourceName("admin"));
        assertEquals("/vendor/electric-sql-client/index.browser.mjs",
                RootResource.resourceName("vendor/electric-sql-client/index.browser.mjs"));
    }

    @Test
    void shouldRefuseWhenPathEscapesOrIsHidden() {
        assertNull(RootResource.resourceName("WEB-INF/beans.xml"));
        assertNull(RootResource.resourceName("web-inf/beans.xml"));
        assertNull(RootResource.resourceName("META-INF/MANIFEST.MF"));
        assertNull(RootResource.resourceName("admin/../WEB-INF/beans.xml"));
        assertNull(RootResource.resourceName("./index.html"));
        assertNull(RootResource.resourceName("admin//index.html"));
        assertNull(RootResource.resourceName("admin\\index.html"));
    }

    @Test
    void shouldPickTypeFromExtensionWhenServing() {
        assertEquals("text/html; charset=utf-8", RootResource.contentType("/index.html"));
        assertEquals("text/javascript; charset=utf-8", RootResource.contentType("/vendor/x/index.browser.mjs"));
        assertEquals("text/javascript; charset=utf-8", RootResource.contentType("/admin/admin.js"));
        assertEquals("text/css; charset=utf-8", RootResource.contentType("/demo.css"));
        assertEquals("text/plain; charset=utf-8", RootResource.contentType("/vendor/x/LICENSE"));
        assertEquals("application/octet-stream", RootResource.contentType("/a.dir/file"));
    }
}
