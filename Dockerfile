# One app of this repository as an image, for Dokku's Dockerfile builder (docs/deploy.md, "Dockerfile builder
# (amd64 and arm64)") or plain `docker build`. It builds on any architecture its base images exist for: nothing
# here names one, so an arm64 host builds arm64 and an amd64 host amd64.
#
#   APP         the app's module folder: fruits (the default), apps/todos, apps/movies
#   BUILD_IMAGE a JDK 25 (system.properties' runtime; the apps' CDS class lists are written on 25 and a JDK 21
#               cannot read them), with tar and gzip (the Maven wrapper unpacks Maven with them)
#   RUN_IMAGE   a Java runtime of the very same build as BUILD_IMAGE's JDK: the class-data archive dumped at
#               build time maps only into that JVM (another one starts the app without it, after one [cds] line)
#
# The processes are the app's own Procfile lines (web, release), kept verbatim: the image lays the build out as
# the repository does under /app, so their relative paths and the archive's class path still match.
ARG BUILD_IMAGE=eclipse-temurin:25-jdk
ARG RUN_IMAGE=eclipse-temurin:25-jre

FROM ${BUILD_IMAGE} AS build
ARG APP=fruits
WORKDIR /src
COPY . .
# only APP's module and the modules it needs; the wrapper's Maven and the dependencies come from Maven Central
RUN ./mvnw -B -ntp -pl "$APP" -am -DskipTests package \
 && name=$(basename "$APP") \
 && mkdir -p "/out/$APP/target" \
 && cp -a "$APP/target/$name.jar" "$APP/target/libs" "/out/$APP/target/" \
 && { cp -a "$APP/target/$name.jsa" "/out/$APP/target/" || echo "no class-data archive: $APP starts without it"; } \
 && if [ -f "$APP/Procfile" ]; then dir=$APP; else dir=.; fi \
 && cp "$dir/Procfile" "$dir/app.json" /out/ \
 && if [ "$dir" != . ]; then cp "$dir/Procfile" "$dir/app.json" "/out/$APP/"; fi

FROM ${RUN_IMAGE}
# a `git push` deploy reads the Procfile and app.json from the pushed tree (ps:set procfile-path, app-json:set
# appjson-path); a deploy from an image (git:from-image) reads them here, in WORKDIR, at the same paths
WORKDIR /app
# cp -a above and COPY keep the jars' times, which the JVM checks before it maps the archive
COPY --from=build /out/ /app/
# not root: a numeric user needs no account in the base image
USER 10001:10001
ENV PORT=5000
EXPOSE 5000
# without Dokku (plain docker run): the Procfile's web line
CMD ["sh", "-c", "exec sh -c \"$(sed -n 's/^web: //p' Procfile)\""]
