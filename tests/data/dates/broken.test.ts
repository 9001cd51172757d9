// broken.test.ts — one readable case, then a call that is not (line 5).
testSingleCase(chrono.fr, "Hier, la Loire a débordé.", new Date(2025, 2, 14), (result) => {
    expect(result.start).toBeDate(new Date(2025, 2, 13));
});
testSingleCase(chrono.fr, 42 "not a string");
