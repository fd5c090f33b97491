package org.flapp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flapp.rpc.RemoteException;
import org.flapp.services.command.RunCommandService;
import org.flapp.services.options.UploadFileOptions;
import org.flapp.services.upload.FileUploadService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceFactoryTest {
    @TempDir
    Path basedir;

    @Test
    void buildsEachTypeByItsName() throws Exception {
        Files.createDirectory(basedir.resolve("up"));
        try (ServiceFactory factory = new ServiceFactory()) {
            assertInstanceOf(FileUploadService.class,
                    factory.build("upload-file", List.of("up"), basedir, basedir.resolve("services/1")));
            assertInstanceOf(RunCommandService.class,
                    factory.build("run-command", List.of("up", "true"), basedir, basedir.resolve("services/2")));
            assertEquals(List.of("putfile"), List.copyOf(
                    factory.build("upload-file", List.of("up"), basedir, basedir).remoteMethods().names()));
        }
    }

    @Test
    void refusesAnUnknownTypeWithItsName() {
        try (ServiceFactory factory = new ServiceFactory()) {
            UnknownServiceType e = assertThrows(UnknownServiceType.class,
                    () -> factory.build("no-such-type", List.of("x"), basedir, basedir));
            assertEquals("no-such-type", e.getMessage());
            RemoteException remote = e.toRemoteException();
            assertEquals("foolscap.appserver.services.UnknownServiceType", remote.type());
            assertEquals("no-such-type", remote.value());
        }
    }

    @Test
    void aTargetThatDisappearedFailsAtLookupWithTheRemoteTypePythonUses() throws Exception {
        try (ServiceFactory factory = new ServiceFactory()) {
            BadServiceArguments e = assertThrows(BadServiceArguments.class,
                    () -> factory.build("upload-file", List.of("gone_target"), basedir, basedir));
            RemoteException remote = e.toRemoteException();
            assertEquals("foolscap.appserver.services.BadServiceArguments", remote.type());
            assertEquals("targetdir '" + basedir.resolve("gone_target") + "' must already exist", remote.value());
        }
    }

    @Test
    void validatesWithoutBuilding() throws Exception {
        Files.createDirectory(basedir.resolve("up"));
        assertEquals(ServiceType.UPLOAD_FILE, ServiceType.named("upload-file"));
        UploadFileOptions o = (UploadFileOptions) ServiceType.UPLOAD_FILE.validate(List.of("--mode=0600", "up"), basedir);
        assertEquals(0600, o.mode());
        assertEquals("run-command", ServiceType.RUN_COMMAND.wireName());
    }
}
