global using BookMeAtOz.Auth;
global using BookMeAtOz.Bookings;
global using BookMeAtOz.Changes;
global using BookMeAtOz.Notifications;
global using BookMeAtOz.Persistence;
global using BookMeAtOz.Scheduling;
global using BookMeAtOz.Tenancy;
