/** An item's (事项) lifecycle: the process constants, the read model, the service, the process adapters and the API. */
package cn.duban.item;
