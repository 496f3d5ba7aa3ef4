/**
 * The ground floor every module stands on: security and the signed-in person, the engine's configuration and guards,
 * the embedded database, web errors, spreadsheets' common layout, the bureau's clock. Open to every module (its
 * sub-packages are its API), and it depends on no feature module (checked by ModuleWallsTest).
 */
@org.springframework.modulith.ApplicationModule(displayName = "系统基础", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package cn.duban.system;
