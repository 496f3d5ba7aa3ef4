/** An item's (事项) lifecycle: the process constants, the read model, the service, the process adapters and the API. */
@org.springframework.modulith.ApplicationModule(displayName = "事项", allowedDependencies = { "system", "organisation", "calendar" })
package cn.duban.item;
