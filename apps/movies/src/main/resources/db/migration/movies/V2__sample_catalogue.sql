-- A sample catalogue of 5,000 films, generated rather than listed so this file stays small.
-- Deterministic: no random(), no now(); every value and id is arithmetic on the row number n (ids are md5 of a
-- name and a number), so every database gets the same catalogue and tests may rely on it.

INSERT INTO genre (id, name)
SELECT md5('genre:' || (position - 1))::uuid, name
FROM unnest(ARRAY['Action', 'Adventure', 'Animation', 'Comedy', 'Crime', 'Documentary', 'Drama', 'Fantasy',
                  'Horror', 'Mystery', 'Romance', 'Sci-Fi', 'Thriller', 'Western']) WITH ORDINALITY AS g(name, position);

-- 600 people; (i % 30, (i / 30 + i) % 30) differs for every i below 900, so every name is unique
INSERT INTO person (id, full_name)
SELECT md5('person:' || i)::uuid, w.first[1 + i % 30] || ' ' || w.last[1 + (i / 30 + i) % 30]
FROM generate_series(0, 599) i,
     (SELECT ARRAY['Anna', 'Boris', 'Clara', 'David', 'Elena', 'Felix', 'Grace', 'Hugo', 'Irene', 'Jonas',
                   'Kira', 'Leon', 'Maya', 'Nikolai', 'Olga', 'Pavel', 'Quinn', 'Rosa', 'Simon', 'Tanya',
                   'Ulrich', 'Vera', 'Walter', 'Xenia', 'Yuri', 'Zoe', 'Marco', 'Lena', 'Oscar', 'Daria'] AS first,
             ARRAY['Abbott', 'Baker', 'Chen', 'Dubois', 'Evans', 'Fischer', 'Garcia', 'Hayes', 'Ivanova', 'Jensen',
                   'Kowalski', 'Lindqvist', 'Moreau', 'Novak', 'Okafor', 'Petrov', 'Quinlan', 'Rossi', 'Sato',
                   'Torres', 'Usman', 'Volkov', 'Weber', 'Xu', 'Yilmaz', 'Zhou', 'Martin', 'Olsen', 'Park',
                   'Reyes'] AS last) w;

-- titles: 20 adjectives x 25 nouns make 500; each run of 500 films gets its own pattern (plain, "The ...", or
-- "... of" one of 13 places), so no two titles are the same
INSERT INTO film_work (id, title, description, creation_date, rating, type)
SELECT md5('film_work:' || n)::uuid,
       CASE WHEN n / 500 = 1 THEN 'The ' ELSE '' END
           || w.adjective[1 + n % 20] || ' ' || w.noun[1 + (n / 20) % 25]
           || CASE WHEN n / 500 >= 2 THEN ' of ' || w.place[1 + (n / 500 - 2) % 13] ELSE '' END,
       -- each part steps through its list at its own pace, so neighbouring titles get unlike stories
       'A ' || w.trait[1 + n % 11] || ' ' || w.hero[1 + (n / 3) % 9] || ' ' || w.deed[1 + (n / 7) % 8] || ' '
           || w.stake[1 + (n / 2 + n / 11) % 10] || ' ' || w.setting[1 + (n / 5) % 12] || '.',
       CASE WHEN n % 41 = 0 THEN NULL ELSE date '1950-01-01' + (n * 7919) % 27000 END,
       CASE WHEN n % 23 = 0 THEN NULL ELSE ((n * 37) % 101) / 10.0 END,
       CASE WHEN n % 4 = 3 THEN 'tv_show' ELSE 'movie' END
FROM generate_series(0, 4999) n,
     (SELECT ARRAY['Silent', 'Crimson', 'Hidden', 'Last', 'Broken', 'Golden', 'Midnight', 'Frozen', 'Electric',
                   'Forgotten', 'Wild', 'Distant', 'Burning', 'Secret', 'Endless', 'Iron', 'Velvet', 'Hollow',
                   'Restless', 'Savage'] AS adjective,
             ARRAY['Harbor', 'Empire', 'Garden', 'River', 'Machine', 'Kingdom', 'Promise', 'Signal', 'Frontier',
                   'Mirror', 'Station', 'Letter', 'Horizon', 'Orchard', 'Circus', 'Voyage', 'Lantern', 'Fortress',
                   'Canyon', 'Symphony', 'Island', 'Engine', 'Shadow', 'Witness', 'Comet'] AS noun,
             ARRAY['Tomorrow', 'the North', 'Paris', 'the Deep', 'Avalon', 'the Desert', 'Mars', 'Brooklyn',
                   'the Valley', 'Atlantis', 'Winter', 'the Sea', 'Tokyo'] AS place,
             ARRAY['reluctant', 'young', 'retired', 'ambitious', 'lonely', 'brilliant', 'disgraced', 'fearless',
                   'curious', 'weary', 'charming'] AS trait,
             ARRAY['detective', 'pilot', 'teacher', 'smuggler', 'scientist', 'musician', 'soldier', 'journalist',
                   'chef'] AS hero,
             ARRAY['must uncover the truth about', 'sets out to rescue', 'fights to protect',
                   'is drawn into a feud over', 'races to find', 'tries to escape', 'falls in love with',
                   'returns home to confront'] AS deed,
             ARRAY['a vanished sister', 'an ancient map', 'a stolen fortune', 'a dying town', 'a rival crew',
                   'a dangerous secret', 'a lost city', 'an old friend', 'a broken family',
                   'a mysterious stranger'] AS stake,
             ARRAY['in post-war Europe', 'on a remote island', 'in a city that never sleeps', 'aboard a night train',
                   'at the edge of the galaxy', 'in a small mountain village', 'during a long hot summer',
                   'beneath the frozen sea', 'in the last days of the empire', 'on the road to the coast',
                   'inside a crumbling hotel', 'across three generations'] AS setting) w;

-- one to three genres per film; offsets 0, 3 and 6 modulo 14 never pick the same genre twice
INSERT INTO genre_film_work (id, film_work_id, genre_id)
SELECT md5('genre_film_work:' || n || ':' || j)::uuid, md5('film_work:' || n)::uuid,
       md5('genre:' || (n * 5 + j * 3) % 14)::uuid
FROM generate_series(0, 4999) n, generate_series(0, n % 3) j;

-- three to six actors, one or two directors, one or two writers per film; within a role the steps (37, 101, 211)
-- never pick the same person twice
INSERT INTO person_film_work (id, film_work_id, person_id, role)
SELECT md5('person_film_work:' || role || ':' || n || ':' || j)::uuid, md5('film_work:' || n)::uuid,
       md5('person:' || person)::uuid, role
FROM (SELECT n, j, 'actor' AS role, (n * 13 + j * 37) % 600 AS person
      FROM generate_series(0, 4999) n, generate_series(0, 2 + n % 4) j
      UNION ALL
      SELECT n, j, 'director', (n * 17 + j * 101 + 7) % 600
      FROM generate_series(0, 4999) n, generate_series(0, n % 2) j
      UNION ALL
      SELECT n, j, 'writer', (n * 19 + j * 211 + 3) % 600
      FROM generate_series(0, 4999) n, generate_series(0, (n / 2) % 2) j) roles;

-- statistics now rather than at autovacuum's leisure, so the first searches already get the GIN index
ANALYZE film_work, genre, person, genre_film_work, person_film_work;
