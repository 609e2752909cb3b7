/**
 * The app kit's entry point: PetApp, which an app names with its endpoints and runs from its main (serve, or migrate
 * and exit in Dokku's release phase), and RunningApp, a started app that stops gracefully. Apps and their tests call
 * PetApp; the rest of the kit's packages serve it.
 */
package dev.petdb.kit;
