// news-fr.test.ts — cases written for veille's tests, in the format of
// chrono's test files. The expected days follow chrono's reading where it
// and the news reading part ways (cases 7 and 8), so that `veille eval
// dates` counts them as differing by design; case 10 is one veille gets
// wrong on purpose (a feast day it does not know).
//
// Worked out by hand, published Friday 14 March 2025 unless said:
//  1 jeudi -> Thursday 13 (the latest, past tense)              right
//  2 se rendra mardi -> Tuesday 18 (future verb)                right
//  3 du 28 février -> 2025-02-28                                right
//  4 le 20 juin, no tense -> 2024-06-20 (within ten months back) right
//  5 "Mars" alone is no date                                    right
//  6 il y a trois ans -> 2022-03-14                             right
//  7 la semaine prochaine: chrono 2025-03-21, veille the week   by design
//  8 le 8 février (10 August 2012): chrono 2013, veille 2012    by design
//  9 du 3 au 5 mars 2025 -> 3 to 5 March                        right
// 10 à la Saint-Jean: expected 24 June, veille finds nothing    wrong
import { testSingleCase, testUnexpectedResult } from "../test_util";

test("Test - news in French", function () {
    testSingleCase(chrono.fr, "Le ministre a annoncé jeudi un plan d'aide aux éleveurs.", new Date(2025, 2, 14), (result) => {
        expect(result.text).toBe("jeudi");
        expect(result.start.get("year")).toBe(2025);
        expect(result.start.get("month")).toBe(3);
        expect(result.start.get("day")).toBe(13);
    });

    testSingleCase(chrono.fr, "Le préfet se rendra mardi à Annecy pour inaugurer le pont.", new Date(2025, 2, 14, 9, 30), (result) => {
        expect(result.start).toBeDate(new Date(2025, 3 - 1, 18, 12));
    });

    testSingleCase(chrono.fr, "La réunion du 28 février a tourné court.", new Date(2025, 2, 14), (result) => {
        expect(result.start).toBeDate(new Date(2025, 1, 28, 12));
    });

    testSingleCase(chrono.fr, "Le sommet de Genève, le 20 juin, reste dans les mémoires.", new Date(2025, 2, 14), (result) => {
        expect(result.start.get("year")).toBe(2024);
        expect(result.start.get("month")).toBe(6);
        expect(result.start.get("day")).toBe(20);
    });

    testUnexpectedResult(chrono.fr, "Mars est visible à l'œil nu.", new Date(2025, 2, 14));

    testSingleCase(chrono.fr, 'Il y a trois ans, la ville a été inondée.', new Date(2025, 2, 14), (result) => {
        expect(result.start).toBeDate(new Date(2022, 2, 14));
    });

    testSingleCase(chrono.fr, "Les travaux reprendront la semaine prochaine.", new Date(2025, 2, 14), (result) => {
        expect(result.start).toBeDate(new Date(2025, 2, 21));
    });

    testSingleCase(chrono.fr, "Le chantier a commencé le 8 février.", new Date(2012, 7, 10), (result) => {
        expect(result.start.get("year")).toBe(2013);
        expect(result.start.get("month")).toBe(2);
        expect(result.start.get("day")).toBe(8);
    });

    testSingleCase(chrono.fr, "Du 3 au 5 mars 2025, le salon accueille les visiteurs.", new Date(2025, 2, 14), (result) => {
        expect(result.start).toBeDate(new Date(2025, 2, 3, 12));
        expect(result.end).toBeDate(new Date(2025, 2, 5, 12));
    });

    testSingleCase(chrono.fr, "Rendez-vous à la Saint-Jean.", new Date(2025, 2, 14), (result) => {
        expect(result.start).toBeDate(new Date(2025, 5, 24));
    });
});
