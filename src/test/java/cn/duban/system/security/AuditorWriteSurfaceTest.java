package cn.duban.system.security;

import static cn.duban.support.TestBureau.AUDITOR;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static cn.duban.support.TestBureau.UNIT_A;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.fasterxml.jackson.databind.JsonNode;

import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;

/**
 * Auditors change nothing, anywhere: every write endpoint of duban (all its non-GET mappings) and of Camunda's REST
 * API (every JAX-RS resource method the REST API registers, under /engine-rest, /engine-rest/engine/{name} and the
 * webapps' /camunda/api/engine/engine/{name}) answers 403 to an auditor, except the POST endpoints that only query,
 * which stay open to them as reads.
 */
@DubanSpringTest
class AuditorWriteSurfaceTest {

  /** The engine's POST endpoints that are queries (auditors use them in Cockpit and scripts), as templates. */
  static final Set<String> QUERY_POSTS = Set.of(
      "/task", "/task/count", "/process-instance", "/process-instance/count", "/execution", "/execution/count",
      "/variable-instance", "/variable-instance/count", "/job", "/job/count", "/external-task",
      "/external-task/count", "/case-instance", "/case-instance/count", "/case-execution", "/case-execution/count",
      "/history/activity-instance", "/history/activity-instance/count", "/history/process-instance",
      "/history/process-instance/count", "/history/task", "/history/task/count", "/history/variable-instance",
      "/history/variable-instance/count", "/history/decision-instance", "/history/decision-instance/count",
      "/history/detail", "/history/job-log", "/history/job-log/count", "/history/external-task-log",
      "/history/external-task-log/count", "/history/incident", "/history/incident/count",
      "/history/case-instance", "/history/case-instance/count", "/history/case-activity-instance",
      "/history/case-activity-instance/count", "/history/identity-link-log", "/history/identity-link-log/count",
      "/history/user-operation", "/history/user-operation/count", "/history/batch", "/history/batch/count",
      "/history/process-instance/report", "/filter/{id}/list", "/filter/{id}/count", "/filter/{id}/singleResult",
      "/process-definition/{id}/form-variables", "/task/{id}/form-variables");

  static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");
  static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}:]+)(:(?:[^{}]|\\{[^}]*})*)?}");

  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
  @LocalServerPort int port;

  record Endpoint(String method, String template) implements Comparable<Endpoint> {
    @Override
    public int compareTo(Endpoint other) {
      return (template + " " + method).compareTo(other.template + " " + other.method);
    }
  }

  /** duban's write surface: every mapping with a method other than GET, HEAD and OPTIONS (no method: all of them). */
  Set<Endpoint> dubanWrites() {
    Set<Endpoint> writes = new TreeSet<>();
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
      List<String> names = methods.isEmpty() ? List.of("POST", "PUT", "PATCH", "DELETE")
          : methods.stream().map(Enum::name).filter(m -> !READ_METHODS.contains(m)).toList();
      for (String pattern : info.getPatternValues()) {
        if (!pattern.equals("/error")) {
          names.forEach(m -> writes.add(new Endpoint(m, pattern)));
        }
      }
    }
    return writes;
  }

  /** Camunda's REST API, from the resource classes it registers: root resources, their methods, sub-resources. */
  static Set<Endpoint> engineEndpoints() {
    Set<Endpoint> endpoints = new TreeSet<>();
    for (Class<?> root : CamundaRestResources.getResourceClasses()) {
      Path path = annotation(root, Path.class);
      if (path != null) {
        walk(root, join("", path.value()), endpoints, 0);
      }
    }
    return endpoints;
  }

  static void walk(Class<?> type, String prefix, Set<Endpoint> endpoints, int depth) {
    assertThat(depth).as("sub-resources nested too deep at " + prefix).isLessThan(8);
    for (Method method : methods(type)) {
      Path path = method.getAnnotation(Path.class);
      String http = httpMethod(method);
      String full = path == null ? prefix : join(prefix, path.value());
      if (http != null) {
        endpoints.add(new Endpoint(http, full));
      } else if (path != null) {
        walk(method.getReturnType(), full, endpoints, depth + 1);
      }
    }
  }

  /** The JAX-RS methods of a resource: those of its interfaces (where Camunda puts the annotations) and its own. */
  static List<Method> methods(Class<?> type) {
    List<Method> methods = new ArrayList<>();
    Set<Class<?>> types = new LinkedHashSet<>();
    collect(type, types);
    for (Class<?> t : types) {
      for (Method m : t.getDeclaredMethods()) {
        if (m.getAnnotation(Path.class) != null || httpMethod(m) != null) {
          methods.add(m);
        }
      }
    }
    return methods;
  }

  static void collect(Class<?> type, Set<Class<?>> types) {
    if (type == null || type == Object.class || !types.add(type)) {
      return;
    }
    collect(type.getSuperclass(), types);
    for (Class<?> i : type.getInterfaces()) {
      collect(i, types);
    }
  }

  static String httpMethod(Method method) {
    for (Annotation a : method.getAnnotations()) {
      HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
      if (http != null) {
        return http.value();
      }
    }
    return null;
  }

  static <A extends Annotation> A annotation(Class<?> type, Class<A> annotation) {
    Set<Class<?>> types = new LinkedHashSet<>();
    collect(type, types);
    return types.stream().map(t -> t.getAnnotation(annotation)).filter(a -> a != null).findFirst().orElse(null);
  }

  static String join(String prefix, String path) {
    String p = path.startsWith("/") ? path : "/" + path;
    p = p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
    return p.equals("/") ? prefix : prefix + p;
  }

  /** A concrete path: the engine's name is "default", years are years, every other id one that does not exist. */
  static String fill(String template) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder path = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = name.equals("name") ? "default"
          : m.group(2) != null && m.group(2).contains("\\d") ? String.valueOf(LocalDate.now().getYear()) : "x1";
      m.appendReplacement(path, value);
    }
    m.appendTail(path);
    return path.toString();
  }

  HttpResponse<String> send(String user, String method, String path, Map<String, String> headers) throws Exception {
    String token = Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + token).header("Content-Type", "application/json")
        .method(method, READ_METHODS.contains(method) ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString("{}"));
    headers.forEach(request::header);
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** duban's own 403 for auditors, not some other refusal that happens to share the status. */
  static boolean refusedAsAuditor(HttpResponse<String> response) {
    return response.statusCode() == 403 && response.body().contains("审计人员只能查看");
  }

  @Test
  void everyWriteOfDubansApiAndPagesIsForbiddenToAuditors() throws Exception {
    Set<Endpoint> writes = dubanWrites();
    assertThat(writes).extracting(Endpoint::template).contains("/api/items", "/api/lists",
        "/api/admin/break-glass", "/api/notifications/{id}/read", "/items/{code}/attachments");
    List<String> notForbidden = new ArrayList<>();
    for (Endpoint endpoint : writes) {
      HttpResponse<String> response = send(AUDITOR, endpoint.method(), fill(endpoint.template()), Map.of());
      if (!refusedAsAuditor(response)) {
        notForbidden.add(endpoint + " -> " + response.statusCode());
      }
    }
    assertThat(notForbidden).as("duban write endpoints an auditor reached (of %d)", writes.size()).isEmpty();
  }

  @Test
  void everyWriteOfTheEngineRestApiIsForbiddenToAuditorsAndQueriesStayOpen() throws Exception {
    Set<Endpoint> endpoints = engineEndpoints();
    Set<Endpoint> writes = new TreeSet<>();
    endpoints.stream().filter(e -> !READ_METHODS.contains(e.method())).forEach(writes::add);
    // the REST API is found whole: the usual writes of Cockpit, Tasklist, Modeler and scripts are among them
    assertThat(writes).contains(new Endpoint("POST", "/deployment/create"),
        new Endpoint("DELETE", "/deployment/{id}"), new Endpoint("POST", "/task/{id}/complete"),
        new Endpoint("DELETE", "/history/process-instance/{id}"), new Endpoint("POST", "/history/process-instance/delete"),
        new Endpoint("PUT", "/history/user-operation/{operationId}/set-annotation"),
        new Endpoint("PUT", "/process-definition/{id}/history-time-to-live"),
        new Endpoint("POST", "/engine/{name}/process-definition/key/{key}/start"));
    assertThat(writes).hasSizeGreaterThan(300);

    Set<String> queries = new TreeSet<>();
    List<String> wrong = new ArrayList<>();
    for (Endpoint endpoint : writes) {
      String template = endpoint.template().replaceFirst("^/engine/\\{name}", "");
      boolean query = endpoint.method().equals("POST") && QUERY_POSTS.contains(template);
      List<String> paths = new ArrayList<>(List.of("/engine-rest" + fill(endpoint.template())));
      if (!endpoint.template().startsWith("/engine/")) {
        paths.add("/camunda/api/engine/engine/default" + fill(endpoint.template()));
      }
      for (String path : paths) {
        HttpResponse<String> response = send(AUDITOR, endpoint.method(), path, Map.of());
        if (query) {
          // a read: not refused by duban (the webapps' own CSRF check may still ask Cockpit for its token)
          queries.add(template);
          boolean answered = path.startsWith("/camunda/")
              ? !refusedAsAuditor(response) && response.statusCode() != 401
              // over /engine-rest the engine answers: the results, or for a made-up id that it does not exist
              : response.statusCode() == 200 || template.contains("{") && response.statusCode() == 404;
          if (!answered) {
            wrong.add("query " + endpoint.method() + " " + path + " -> " + response.statusCode() + " "
                + response.body());
          }
        } else if (!refusedAsAuditor(response)) {
          wrong.add(endpoint.method() + " " + path + " -> " + response.statusCode());
        }
      }
    }
    assertThat(wrong).as("of %d write endpoints", writes.size()).isEmpty();
    assertThat(queries).as("every read-only POST the auditors need exists in this REST API")
        .containsAll(Set.of("/task", "/process-instance", "/history/process-instance", "/history/task",
            "/history/detail", "/filter/{id}/list"));
  }

  @Test
  void readsCannotBeTurnedIntoWrites() throws Exception {
    Http office = Http.basic(port, OFFICE, PASSWORD);
    Http.Response issued = office.post("/api/items", Map.of("title", "审计只读核查", "unitId", UNIT_A,
        "deadline", LocalDate.now().plusDays(10).toString()));
    String code = issued.json().get("code").asText();
    JsonNode task = office.get("/engine-rest/task?processInstanceBusinessKey=" + code).json();
    String instanceId = office.get("/engine-rest/process-instance?businessKey=" + code).json().get(0).get("id").asText();

    // method overrides are not honoured anywhere: a GET stays a GET, a query POST stays a query
    for (String override : List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override")) {
      assertThat(send(AUDITOR, "GET", "/engine-rest/process-instance/" + instanceId, Map.of(override, "DELETE"))
          .statusCode()).isEqualTo(200);
      assertThat(send(AUDITOR, "POST", "/engine-rest/process-instance", Map.of(override, "DELETE")).statusCode())
          .isEqualTo(200);
      assertThat(send(AUDITOR, "GET", "/api/items/" + code + "?_method=DELETE", Map.of(override, "POST"))
          .statusCode()).isEqualTo(200);
    }
    assertThat(send(AUDITOR, "GET", "/engine-rest/process-instance/" + instanceId + "?_method=DELETE", Map.of())
        .statusCode()).isEqualTo(200);
    assertThat(office.get("/engine-rest/process-instance/" + instanceId).status()).isEqualTo(200);
    assertThat(office.get("/engine-rest/task?processInstanceBusinessKey=" + code).json()).isEqualTo(task);
    // and what an auditor is refused says why
    HttpResponse<String> refused = send(AUDITOR, "DELETE", "/engine-rest/process-instance/" + instanceId, Map.of());
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("审计人员只能查看");
  }
}
