package cn.duban.system.security;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.authentication.logout.HttpStatusReturningLogoutSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.duban.system.BureauClock;

/**
 * One login for everything. Spring Security owns authentication; the Camunda webapps take the signed-in person
 * from it (container-based authentication) and the engine sees the caller of /engine-rest and /api.
 * <ul>
 *   <li>/engine-rest/**: HTTP Basic only, stateless, so a browser session can never be abused against it;</li>
 *   <li>everything else: a session from duban's login page or the webapps' own login form, or HTTP Basic
 *       for scripts calling /api/**.</li>
 * </ul>
 * Unauthenticated calls get 401 (browsers asking for a page are sent to the login page); only the login page
 * and health are open. Auditors get 403 on every write, before the engine's own authorizations are asked.
 * Every sign-in, whatever the way in, passes {@link LoginThrottle} (429 while slowed down); a session follows
 * changes of its person's password, lock and groups ({@link SessionAccessFilter}); webapp changes need the webapps'
 * CSRF token ({@link CamundaCsrfFilter}); duban's own responses carry a Content-Security-Policy.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

  static final String CAMUNDA_LOGIN = "/camunda/api/admin/auth/user/*/login/*";
  static final String CAMUNDA_LOGOUT = "/camunda/api/admin/auth/user/*/logout";
  static final String CAMUNDA_WHO_AM_I = "/camunda/api/admin/auth/user/*";
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  @Bean
  AuthenticationManager authenticationManager(CamundaIdentityAuthenticationProvider provider) {
    return new ProviderManager(List.of(provider));
  }

  @Bean
  @Order(1)
  SecurityFilterChain engineRestChain(HttpSecurity http, ObjectMapper objectMapper,
                                      AuthenticationManager authenticationManager) throws Exception {
    var problems = new SecurityProblemResponses(objectMapper);
    // matched on the request path: the REST API is its own servlet (Jersey), which a string pattern here would be
    // resolved against Spring MVC's mappings and never match, leaving /engine-rest to the session-based chain
    http.securityMatcher(path(null, "/engine-rest/**"))
        .authenticationManager(authenticationManager)
        .authorizeHttpRequests(authorize -> authorize
            // changing processes (Camunda Modeler's deploy dialog, deleting deployments, migrating) is for admins
            .requestMatchers(SecurityConfiguration::changesProcesses).hasAuthority(Roles.authority(Roles.ADMIN))
            .anyRequest().access(new AuditorReadOnlyAuthorizationManager()))
        .httpBasic(basic -> basic.realmName("duban").authenticationEntryPoint(problems::unauthorized))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .exceptionHandling(e -> e.authenticationEntryPoint(problems::unauthorized)
            .accessDeniedHandler(problems::forbidden))
        .addFilterBefore(new CrossSiteWriteFilter(problems), BasicAuthenticationFilter.class)
        .addFilterBefore(new RequestUserRecorder(), AuthorizationFilter.class);
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain mainChain(HttpSecurity http, ObjectMapper objectMapper,
                                AuthenticationManager authenticationManager,
                                AuthorizationService authorizationService,
                                CamundaIdentityAuthenticationProvider identity, BureauClock clock,
                                SessionProperties sessions, ManagementPort managementPort) throws Exception {
    var problems = new SecurityProblemResponses(objectMapper);
    var sessionContexts = new HttpSessionSecurityContextRepository();
    RequestMatcher webappApi = path(null, "/camunda/api/**");
    RequestMatcher apiCalls = new OrRequestMatcher(path(null, "/api/**"), webappApi);
    var html = new MediaTypeRequestMatcher(new HeaderContentNegotiationStrategy(), MediaType.TEXT_HTML);
    html.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
    RequestMatcher pageRequests = request -> !apiCalls.matches(request) && html.matches(request);

    http.authenticationManager(authenticationManager)
        .authorizeHttpRequests(authorize -> authorize
            // the management port (DUBAN_MANAGEMENT_PORT) is bound to 127.0.0.1: whoever reaches it is on the machine
            .requestMatchers(managementPort::matches).permitAll()
            // health for load balancers and orchestrators: status only, never details (those are for admins)
            .requestMatchers("/login", "/error", "/actuator/health", "/actuator/health/**", "/livez", "/readyz",
                "/css/**", "/js/**", "/img/**", "/favicon.ico").permitAll()
            // the figures (/actuator/prometheus) tell about the whole bureau: admins only
            .requestMatchers("/actuator/**").hasAuthority(Roles.authority(Roles.ADMIN))
            // the webapps' own login form: answered by CamundaLoginBridgeFilter
            .requestMatchers(path(HttpMethod.POST, CAMUNDA_LOGIN)).permitAll()
            // the webapps' "who is signed in?" probe: Camunda answers 404 while nobody is, which is what makes
            // a webapp show its login form (a 401 here would leave it waiting)
            .requestMatchers(path(HttpMethod.GET, CAMUNDA_WHO_AM_I)).permitAll()
            // ... and the list of engine names the login form waits for (names only, as in Camunda itself)
            .requestMatchers(path(HttpMethod.GET, "/camunda/api/engine/engine/")).permitAll()
            .requestMatchers("/api/admin/**", "/admin/**").hasAuthority(Roles.authority(Roles.ADMIN))
            .requestMatchers(SecurityConfiguration::changesProcesses).hasAuthority(Roles.authority(Roles.ADMIN))
            .anyRequest().access(new AuditorReadOnlyAuthorizationManager()))
        .formLogin(form -> form.loginPage("/login").successHandler(new LandingPageSuccessHandler())
            .failureHandler(loginFailure()).permitAll())
        .httpBasic(basic -> basic.realmName("duban").authenticationEntryPoint(problems::unauthorized))
        .logout(logout -> logout
            .logoutRequestMatcher(path(HttpMethod.POST, "/logout"))
            .logoutSuccessHandler(logoutSuccess()))
        .csrf(csrf -> csrf
            // the webapps bring their own CSRF token (checked by CamundaCsrfFilter below); calls carrying credentials
            // cannot be forged by a page
            .ignoringRequestMatchers(path(null, "/camunda/**"),
                new RequestHeaderRequestMatcher("Authorization")))
        // duban's pages and API: scripts only from duban itself (no inline script, no event handler attributes);
        // inline styles stay allowed for ECharts' tooltips. Not on /camunda/**: the webapps send their own policy,
        // and a second one would be enforced on top of it and break them.
        .headers(headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
            new NegatedRequestMatcher(path(null, "/camunda/**")), new ContentSecurityPolicyHeaderWriter(CSP))))
        .exceptionHandling(e -> e
            .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), pageRequests)
            .defaultAuthenticationEntryPointFor(problems::unauthorized, request -> true)
            .accessDeniedHandler(problems::forbidden))
        .addFilterBefore(new SecureCookieFilter(), SecurityContextHolderFilter.class)
        .addFilterAfter(new SessionAccessFilter(identity, sessionContexts, clock, sessions.recheckInterval()),
            SecurityContextHolderFilter.class)
        .addFilterAfter(new CamundaCsrfFilter(webappApi, path(HttpMethod.POST, CAMUNDA_LOGIN), problems),
            CsrfFilter.class)
        .addFilterBefore(new RequestUserRecorder(), AuthorizationFilter.class)
        .addFilterBefore(new CamundaLoginBridgeFilter(authenticationManager, path(HttpMethod.POST, CAMUNDA_LOGIN),
            sessionContexts, authorizationService, objectMapper, problems),
            UsernamePasswordAuthenticationFilter.class)
        .addFilterBefore(camundaLogout(), UsernamePasswordAuthenticationFilter.class)
        .addFilterBefore(new CrossSiteWriteFilter(problems), BasicAuthenticationFilter.class);
    return http.build();
  }

  /** A refused sign-in on duban's login page: the page says why (wrong password, or 登录限速 with the wait). */
  private static AuthenticationFailureHandler loginFailure() {
    // both keep the refusal in the session, where the login page finds the wait
    var wrong = new SimpleUrlAuthenticationFailureHandler("/login?error");
    var delayed = new SimpleUrlAuthenticationFailureHandler("/login?delayed");
    return (request, response, e) ->
        (e instanceof LoginDelayedException ? delayed : wrong).onAuthenticationFailure(request, response, e);
  }

  /** Signing out in a webapp signs out everywhere (the session is shared). */
  private static LogoutFilter camundaLogout() {
    var filter = new LogoutFilter(new HttpStatusReturningLogoutSuccessHandler(), new SecurityContextLogoutHandler());
    filter.setLogoutRequestMatcher(path(HttpMethod.POST, CAMUNDA_LOGOUT));
    return filter;
  }

  /** Deploying (Camunda Modeler), deleting deployments and migrating instances through the engine's REST API. */
  static boolean changesProcesses(jakarta.servlet.http.HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return switch (request.getMethod()) {
      case "POST" -> path.startsWith("/engine-rest/deployment/") || path.startsWith("/engine-rest/migration/");
      case "DELETE" -> path.startsWith("/engine-rest/deployment/");
      default -> false;
    };
  }

  private static RequestMatcher path(HttpMethod method, String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
  }

  private static SimpleUrlLogoutSuccessHandler logoutSuccess() {
    var handler = new SimpleUrlLogoutSuccessHandler();
    handler.setDefaultTargetUrl("/login?logout");
    return handler;
  }

  /** Hands the Spring Security login to the Camunda webapps; runs right after Spring Security. */
  @Bean
  FilterRegistrationBean<WebappAuthenticationFilter> camundaContainerAuthentication() {
    var registration = new FilterRegistrationBean<>(new WebappAuthenticationFilter());
    registration.setName("duban container-based authentication");
    registration.addInitParameter("authentication-provider", SpringSecurityCamundaAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/camunda/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
    return registration;
  }

  /** Before anything of the webapps: their pages' script nonce is the request's own ({@link WebappCspNonceFilter}). */
  @Bean
  FilterRegistrationBean<WebappCspNonceFilter> webappCspNonce() {
    var registration = new FilterRegistrationBean<>(new WebappCspNonceFilter());
    registration.setName("duban per-request CSP nonce of the webapps");
    registration.addUrlPatterns("/camunda/*");
    registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /** The engine sees the caller of the REST API and of duban's API. */
  @Bean
  FilterRegistrationBean<EngineAuthenticationFilter> engineAuthentication(IdentityService identityService) {
    var registration = new FilterRegistrationBean<>(new EngineAuthenticationFilter(identityService));
    registration.setName("duban engine authentication");
    registration.addUrlPatterns("/engine-rest/*", "/api/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 2);
    return registration;
  }
}
